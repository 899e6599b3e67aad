package gcp

import (
	"context"
	"errors"
	"strings"

	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/activities"
)

// NextFolder returns the first folder directly under prefix (e.g. "photos/north-01/") that sorts
// after after, or false when there is none. Folder names end in "/", and no character sorts
// between "/" and "0": every folder after "photos/B/" sorts at or after "photos/B0".
func (b Bucket) NextFolder(ctx context.Context, bucket, prefix, after string) (string, bool, error) {
	q := &storage.Query{Prefix: prefix, Delimiter: "/"}
	if after != "" {
		q.StartOffset = after[:len(after)-1] + "0"
	}
	if err := q.SetAttrSelection([]string{"Name"}); err != nil {
		return "", false, err
	}
	it := b.Client.Bucket(bucket).Objects(ctx, q)
	for {
		attrs, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		if attrs.Prefix != "" && attrs.Prefix > after {
			return attrs.Prefix, true, nil
		}
	}
}

// ListPage returns one page of the objects under prefix from startOffset on, in name order, with
// the token of the next page ("" after the last): a storage iterator paged by token, so a listing
// can stop after any page and go on later (in another activity, after continue-as-new).
func (b Bucket) ListPage(ctx context.Context, bucket, prefix, startOffset, token string, size int) ([]activities.StoredPhoto, string, error) {
	q := &storage.Query{Prefix: prefix, StartOffset: startOffset}
	if err := q.SetAttrSelection([]string{"Name", "Created"}); err != nil {
		return nil, "", err
	}
	var attrs []*storage.ObjectAttrs
	next, err := iterator.NewPager(b.Client.Bucket(bucket).Objects(ctx, q), size, token).NextPage(&attrs)
	if err != nil {
		return nil, "", err
	}
	out := make([]activities.StoredPhoto, 0, len(attrs))
	for _, a := range attrs {
		if !strings.HasSuffix(a.Name, "/") { // a folder placeholder (made in the console) is no photo
			out = append(out, activities.StoredPhoto{Name: a.Name, Created: a.Created})
		}
	}
	return out, next, nil
}
