// Starts the Corridor contract as an external chaincode service (chaincode as a service):
//   npm run -w @corridor/chain serve:chaincode -- --chaincode-address 0.0.0.0:9999 --chaincode-id corridor_1.0:<hash>
// = fabric-chaincode-node server --module-path chain/network/chaincode <your arguments>.
// Options can also come from CORE_* variables (CORE_CHAINCODE_ADDRESS, CORE_CHAINCODE_ID,
// CORE_CHAINCODE_TLS_KEY_FILE …): fabric-chaincode-node reads its options with yargs .env("CORE").
const path = require("node:path");

const args = process.argv.slice(2);
if (args[0] === "server") args.shift();
process.argv = [process.argv[0], require.resolve("fabric-shim/cli.js"), "server", "--module-path", path.join(__dirname), ...args];
require("fabric-shim/cli.js");
