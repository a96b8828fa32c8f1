// Starts the vault's WASM module and hands it to the vault page, which loads this file only
// when the vault is shown (no other page fetches the module).
import init, * as vault from "./sillage_vault.js";

await init();
globalThis.sillageVault = vault;
globalThis.dispatchEvent(new Event("sillage-vault-ready"));
