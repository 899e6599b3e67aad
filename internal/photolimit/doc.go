// Package photolimit is the one guard in front of every decode of a photo (the worker's inspection
// and crop reads, the gateway's submission check and review crop, the Vision double): it reads the
// size the image declares in its header (image.DecodeConfig, a few hundred bytes, no pixels)
// before any pixel is allocated, and refuses a decompression bomb — a small file that declares a
// huge canvas, such as a 1 MB PNG of 30,000 × 30,000 pixels, which would need 900 MB to decode.
//
// Two bounds:
//   - a pixel limit per photo (TOLLBOOTH_MAX_PHOTO_PIXELS; DefaultMaxPixels);
//   - a memory budget for the decodes of one process at a time (TOLLBOOTH_DECODE_MEMORY_BYTES):
//     each decode holds a weighted semaphore for the bytes its pixels will take until it returns,
//     so however many activities run at once, their decoded images together stay within the
//     budget, and a photo that alone would need more than the budget is refused.
package photolimit
