// Vitest runs the tests through Vite, which rewrites `import.meta.glob` at transform time (route-rules.ts).
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
}
