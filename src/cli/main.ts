#!/usr/bin/env node
// The `dfslab` executable: everything lives in program.ts so tests can drive it in-process.
import { main } from './program.js';

void main(process.argv);
