/**
 * `tsconfig.json`: what editors and \`go-heavy check\` type-check workflows with. go-heavy loads
 * workflows with esbuild, which resolves extensionless relative imports, so modules resolve as a
 * bundler does. No `types`: @types/node, once installed, is picked up; until then the DOM lib
 * declares console, timers and URL.
 */
export function tsconfigSource(): string {
  return `{
  // Lets editors, \`npx go-heavy check\` and \`npx tsc\` type-check the workflows; go-heavy itself
  // runs them through esbuild, which strips types without checking them.
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023", "DOM"],
    "module": "preserve",
    "moduleResolution": "bundler",
    "strict": true,
    "isolatedModules": true,
    "esModuleInterop": true,
    "resolveJsonModule": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["services", "common", "utils"]
}
`;
}
