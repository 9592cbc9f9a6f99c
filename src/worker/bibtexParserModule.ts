/**
 * Better BibTeX's parser, as a module the library worker `require`s when it first needs it (see
 * `bibtexParser` there): the bundle then evaluates the parser's ES build on that call, not as
 * the worker starts. (Its CommonJS build cannot be bundled: it requires a package that exports
 * only an ES build.)
 */
export { parse } from '@retorquere/bibtex-parser';
