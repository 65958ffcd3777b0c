// The IPC contract between main and the renderer, one entry for everyone: domain types, the
// response and push maps, typed errors and the domain API. Zod-free, so the renderer and the
// preload import it freely. Main additionally imports ./schemas to validate requests.
export * from './domain';
export * from './errors';
export * from './channels';
export * from './api';
