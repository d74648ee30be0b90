/** Fresh secret bytes for draw commitments; tests pass a fixed source. Never Math.random. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

/** Deterministic source for tests: byte i of call k is (seed + k * 31 + i) & 0xff. */
export function fixedRandom(seed = 7): RandomSource {
  let call = 0;
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = (seed + call * 31 + i) & 0xff;
      call++;
      return out;
    },
  };
}
