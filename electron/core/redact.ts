// Kept so code written against the old name still builds: the scrubber itself lives in
// shared/scrub.ts (scrub, scrubExcerpt), the one implementation everything uses.
export { scrub as redact, scrubExcerpt } from '../../shared/scrub';
