// Writes NAME.br (brotli, quality 11) and NAME.gz (gzip, level 9) beside every file of the
// folders given, for the server to send as they are (tower-http ServeDir, precompressed).
//   node scripts/precompress.mjs DIR...
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (!name.endsWith('.br') && !name.endsWith('.gz')) {
      const data = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }));
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    }
  }
}

for (const dir of process.argv.slice(2)) walk(dir);
