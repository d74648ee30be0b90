export { createStream, HmacStream, SEED_BYTES, type WordSource } from './stream';
export { uniformInt, MAX_UNIFORM_N } from './uniform-int';
export { partialFisherYates, partialFisherYatesIndices } from './fisher-yates';
