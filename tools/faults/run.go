package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// result is one row of the table.
type result struct {
	Fault    fault
	Photos   int           // photos uploaded for it (real and poison)
	Drain    time.Duration // from the first upload until every photo had its record
	Billed   time.Duration // from the first upload until every accepted capture was exported
	Reviewed int           // captures the suite's reviewer decided
	Exported int           // rows of its captures on the FTP server
	Note     string
	Tally    tally // what went wrong during it, to its photos or earlier ones
	Err      error // the fault could not be carried out or judged
}

// OK says the row passed.
func (r result) OK() bool { return r.Err == nil && r.Tally.OK() }

// runFault uploads a fault's burst, makes the fault happen, waits for the stack to catch up, plays
// the reviewer, exports, and checks every photo of the run so far.
func (s *suite) runFault(ctx context.Context, f fault, step, steps int) result {
	r := result{Fault: f}
	ps, err := s.pool.take(f.Name, f.Photos)
	if err != nil {
		r.Err = err
		return r
	}
	ps = append(ps, s.pool.poison(f.Name, len(ps), f.Poison)...)
	r.Photos = len(ps)
	s.all = append(s.all, ps...)
	s.out.Printf("[%d/%d] %s: %d photos", step, steps, f.Title, len(ps))

	start := time.Now()
	note, err := f.Inject(ctx, s, ps)
	if err != nil {
		// Go on: the burst is settled, decided and exported all the same, so the check below
		// accounts for its photos and the next rows start from a consistent stack.
		r.Err = fmt.Errorf("the fault: %w", err)
		s.out.Printf("  %v", r.Err)
	}
	r.Note = note
	last, left, err := s.waitSettled(ctx, ps, settleTimeout)
	r.Drain = last.Sub(start)
	if err != nil {
		r.Err = errors.Join(r.Err, err)
		return r
	}
	s.out.Printf("  %d of %d photos have their record, %s after the first upload", len(ps)-left, len(ps), r.Drain.Round(100*time.Millisecond))
	if r.Reviewed, err = s.decide(ctx, ps); err != nil {
		r.Err = errors.Join(r.Err, err)
		return r
	}
	if r.Reviewed > 0 {
		s.out.Printf("  the reviewer decided %d captures", r.Reviewed)
	}
	exportNote := ""
	if f.Export != nil { // also after a failed fault: it may be what brings a server back
		exportNote, err = f.Export(ctx, s)
	} else {
		err = s.exportAll(ctx)
	}
	if err != nil {
		r.Err = errors.Join(r.Err, fmt.Errorf("export: %w", err))
		return r
	}
	r.Billed = time.Since(start)
	r.Note = joinNotes(r.Note, exportNote)
	if err := s.healthy(); err != nil {
		r.Err = errors.Join(r.Err, err)
		return r
	}
	o, err := s.gather(ctx, s.all)
	if err != nil {
		r.Err = errors.Join(r.Err, fmt.Errorf("check: %w", err))
		return r
	}
	all := judge(s.all, o)
	r.Tally = all.since(s.reported)
	s.reported = all
	r.Exported = exportedRows(ps, o)
	s.out.Printf("  exported %d rows; lost %d, duplicated %d%s", r.Exported, r.Tally.Lost(), r.Tally.Duplicated(), noteSuffix(r.Note))
	return r
}

// exportedRows counts the rows of these photos' captures in the files on the FTP server.
func exportedRows(ps []photo, o observed) int {
	ids := map[string]bool{}
	for _, p := range ps {
		ids[p.ID] = true
	}
	n := 0
	for _, rows := range o.Files {
		for _, id := range rows {
			if ids[id] {
				n++
			}
		}
	}
	return n
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

func noteSuffix(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}
