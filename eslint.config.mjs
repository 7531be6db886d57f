// ESLint: Next's rule sets (core web vitals, TypeScript) plus type-aware checks that matter after
// the async data layer: a promise must be awaited or handled, never dropped.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", ".test-data/**", "data/**", "certs/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "public/payer-assets/**"],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // Node's listener style (server.on("request", async …)) is fine; a dropped promise is still
      // caught by no-floating-promises.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false, arguments: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
];

export default config;
