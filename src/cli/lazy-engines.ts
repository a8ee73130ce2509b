// Engines that load heavy Node builtins (net, tls, zlib, crypto) at initialisation, loaded
// only when a command is about to use them: `http status` or `robots check FILE` must not
// pay for the HTTP client just because a sibling verb uses it.
export const loadUrllib = (): Promise<typeof import('../protocols/http/urllib/index.js')> => import('../protocols/http/urllib/index.js');
