export { Matcher } from './matcher';
export { compileMatcherData, type CompileResult } from './compile';
export type { MatcherData, Match, CompiledEntity, CompiledTopic } from './data';
