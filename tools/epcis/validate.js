#!/usr/bin/env node
// Validates one JSON(-LD) document against a JSON Schema (draft-07) with Ajv, e.g. an EPCIS 2.0
// export against GS1's EPCIS-JSON-Schema.json. Ajv and ajv-formats come from .deps/ajv (tools/deps).
// Usage: node tools/epcis/validate.js SCHEMA DOCUMENT  → exit 0 when valid; 1 with the errors on
// stdout when not; 2 when the files cannot be read or Ajv is not installed.
'use strict';
const fs = require('fs');
const path = require('path');

const [schemaPath, documentPath] = process.argv.slice(2);
if (!schemaPath || !documentPath) {
  console.error('usage: validate.js SCHEMA DOCUMENT');
  process.exit(2);
}

const modules = path.join(__dirname, '..', '..', '.deps', 'ajv', 'node_modules');
let Ajv, addFormats;
try {
  Ajv = require(path.join(modules, 'ajv'));
  addFormats = require(path.join(modules, 'ajv-formats'));
} catch (e) {
  console.error('validate.js: Ajv is not installed in .deps/ajv; run tools/deps (' + e.message + ')');
  process.exit(2);
}

let schema, doc;
try {
  schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  doc = JSON.parse(fs.readFileSync(documentPath, 'utf8'));
} catch (e) {
  console.error('validate.js: ' + e.message);
  process.exit(2);
}

// strict: false — GS1's schema uses keywords Ajv's strict mode rejects (e.g. "if" without "then").
const ajv = new (Ajv.default || Ajv)({ allErrors: true, strict: false });
(addFormats.default || addFormats)(ajv);
const validate = ajv.compile(schema);
if (validate(doc)) {
  console.log('valid');
  process.exit(0);
}
for (const err of validate.errors) console.log(`${err.instancePath || '/'} ${err.message} ${JSON.stringify(err.params)}`);
process.exit(1);
