/** This package's version, sent in the default `user-agent` (`go-heavy/<version>`). */
export const VERSION = '0.1.0';
