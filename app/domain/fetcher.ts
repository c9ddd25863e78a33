/** How the app reads its own site's files: `fetch` in the app, a stub serving public/ in tests. */
export type Fetcher = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'json' | 'arrayBuffer'>>;
