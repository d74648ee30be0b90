/** The draw hashes the project's one canonical JSON (see src/domain/canonical-json.ts). */
export { canonicalJson } from '../canonical-json';
