import { defineConfig } from '@go-heavy/config';

// Defaults for `go-heavy run shop`; flags such as --users and --duration override them.
export default defineConfig({
  users: 5,
  duration: '10s',
  // The service's users are split 3:1: most shoppers search, one in four browses and buys.
  // `--users 8` runs 6 and 2; `--mix search=1,browse-and-buy=1` on the command line replaces this.
  workflows: {
    search: { weight: 3 },
    'browse-and-buy': { weight: 1 },
  },
});
