/** Shared by the webhook benchmark's load generator and its server process. */
export const BENCH_ENCRYPT_KEY = 'bench-encrypt-key';
export const BENCH_TOKEN = 'bench-verification-token';
