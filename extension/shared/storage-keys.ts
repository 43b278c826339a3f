/**
 * Key prefixes in `storage.local` that more than one context needs to know: the worker writes keyring
 * records under this prefix; extension pages watch it to refresh their view (never to read records).
 */
export const keyringRecordPrefix = 'kr:';
