export { redisChannel } from './redis-channel.js';
export type { RedisChannelOptions } from './redis-channel.js';
export { redisStream } from './redis-stream.js';
export type { RedisStreamOptions } from './redis-stream.js';
export type { RedisTarget } from './connect.js';
