/** A fixed draw key for tests (the installation's key is kept outside the database; see src/draw-key.ts). */
export const TEST_DRAW_KEY: Uint8Array = new Uint8Array(32).fill(0x5a);
