// A fresh process's result for the rebuild test: `node --import tsx child.ts <seed>` prints JSON.
import { graupnerBrunelShape } from './model.ts';

process.stdout.write(JSON.stringify(graupnerBrunelShape(Number(process.argv[2]))));
