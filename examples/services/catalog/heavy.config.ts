import { defineConfig } from '@go-heavy/config';

// Product pages are cheap and cached: more users than the shop's checkout journey.
export default defineConfig({ users: 10, duration: '10s' });
