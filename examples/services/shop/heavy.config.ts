import { defineConfig } from '@go-heavy/config';

// Defaults for `go-heavy run shop`; flags such as --users and --duration override them.
export default defineConfig({ users: 5, duration: '10s' });
