// The editor component is lazy in the build (App.vue loads it when a document opens). Under Vitest its first
// dynamic import transforms Tiptap, ProseMirror and Yjs, which can outlast a spec's `vi.waitFor`; loading it here,
// before each spec file, keeps that cost where it was when App.vue imported it statically.
await import('../src/components/PostmortemEditor.vue');

export {};
