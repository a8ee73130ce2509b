// netkit's version, stamped in by the bundler from package.json.
declare const __NETKIT_VERSION__: string | undefined;

export const VERSION: string = typeof __NETKIT_VERSION__ === 'string' ? __NETKIT_VERSION__ : '0.0.0-dev';
