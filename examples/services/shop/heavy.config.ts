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
  ],
});
