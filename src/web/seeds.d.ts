/** A file of `seeds/`, bundled as text by esbuild (see esbuild.js). */
declare module 'seed:*' {
  const text: string;
  export default text;
}
