// Starts kinesalite for benchmarks/run-server.sh: an in-memory store, no delay in stream state changes, on
// 127.0.0.1 (kinesalite's own command line binds every interface) and a free port. Prints its endpoint
// URL as its first line of output once it listens; stops on SIGTERM or SIGINT.
'use strict';

const kinesalite = require('kinesalite');

const server = kinesalite({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0});
server.listen(Number(process.env.KINESALITE_PORT || 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`http://${address.address}:${address.port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
