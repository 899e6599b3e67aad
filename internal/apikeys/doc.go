// Package apikeys issues and checks the gateway API's keys. A key is shown once when it is issued
// ("tbk_ID_SECRET"); only its SHA-256 is stored (Firestore collection api_keys, document ID), with
// its scope, the plates a customer key may read, and when it was revoked.
package apikeys
