// What fabric-chaincode-node `require()`s (package.json "main"): the contracts of
// chain/contract/chaincode.ts. That module is TypeScript ESM; serve.cjs runs under tsx, whose
// hooks let require() load it.
module.exports = require("../../contract/chaincode.ts");
