// Before the build: a port in use or a bad HOST stops `npm start` at once, with one line.
import { checkListen } from "./env.mjs";

await checkListen();
