/**
 * Compiles TypeScript sources as a user of the package would (strict, `import ... from
 * 'zendesk-blocks'` resolving to this checkout's index.ts), each as a module of its own, and returns
 * each source's diagnostics as `line: message`. The sources are written under the project's tmp/
 * (git-ignored) so that their package imports resolve from its node_modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/** `prelude`: ambient declarations every source may use without importing them (a script, not a module). */
export function compileAsUser(sources: Record<string, string>, prelude?: string): Record<string, string[]> {
  fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'tmp', 'compile-'));
  try {
    const files = Object.entries(sources).map(([name, code]) => {
      const file = path.join(dir, `${name.replace(/[^\w.-]/g, '_')}.ts`);
      fs.writeFileSync(file, code);
      return { name, file };
    });
    const preludeFile = path.join(dir, 'prelude.d.ts');
    if (prelude !== undefined) fs.writeFileSync(preludeFile, prelude);
    const program = ts.createProgram(
      [...(prelude !== undefined ? [preludeFile] : []), ...files.map((f) => f.file)],
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        baseUrl: ROOT,
        paths: { 'zendesk-blocks': [path.join(ROOT, 'index.ts')], 'zendesk-blocks/*': [path.join(ROOT, '*')] },
        esModuleInterop: true,
        resolveJsonModule: true,
        skipLibCheck: true,
      },
    );
    return Object.fromEntries(
      files.map(({ name, file }) => [
        name,
        ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
          const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
          return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
        }),
      ]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
