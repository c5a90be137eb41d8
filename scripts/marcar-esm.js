/* Marca uma pasta de saída ESM com {"type":"module"}: o Node e o Vite leem os .js dela como módulos ES. */
const fs = require('fs');
const path = require('path');

const pasta = path.resolve(process.argv[2] ?? '');
fs.mkdirSync(pasta, { recursive: true });
fs.writeFileSync(path.join(pasta, 'package.json'), '{ "type": "module" }\n');
