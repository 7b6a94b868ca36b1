// `node run.js event.json`: runs one event through index.js and prints the body, like `bootstrap invoke @event.json`.
const fs = require('fs');
const { main } = require('./index.js');

const text = fs.readFileSync(process.argv[2], 'utf8').replace(/^\uFEFF/, '');
main(JSON.parse(text), { requestId: 'local' }).then((body) => {
  process.stdout.write(JSON.stringify(body === undefined ? null : body) + '\n');
});
