/** esbuild bundles .css as text (tools/ui/build.mjs: loader '.css': 'text'); the widget adopts it into its shadow root. */
declare module '*.css' {
  const text: string;
  export default text;
}
