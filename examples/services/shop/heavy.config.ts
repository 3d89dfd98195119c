import { defineConfig } from '@go-heavy/config';

// Defaults for `go-heavy run shop`; flags such as --users and --duration override them.
export default defineConfig({
  users: 5,
  duration: '10s',
  // A failed one makes the run exit with 99. `go-heavy run shop/search` skips those of browse-and-buy.
  thresholds: [
    // Latency of the successful iterations; `p95{all}` would count the failed ones too.
    'shop/browse-and-buy p95 < 5s',
    // The demo shop fails about 3 % of checkouts on purpose.
    'shop/browse-and-buy error-rate < 20%',
    'shop/search > search checks > 90%',
    // Settled within the demo shop's 20-200 ms (callbacks are not lost).
    'shop/pay > payment settled p95 < 1s',
  ],
  // The service's users are split 3:1:1: most shoppers search, one in five browses and buys, one
  // in five pays (asynchronously: see pay.ts). `--users 10` runs 6, 2 and 2;
  // `--mix search=1,browse-and-buy=1` on the command line replaces this.
  workflows: {
    search: { weight: 3 },
    'browse-and-buy': { weight: 1 },
    pay: { weight: 1 },
  },
});
