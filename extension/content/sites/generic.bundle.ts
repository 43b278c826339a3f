/** Generic mode with its upload code (`sites/generic.js`), injected on a generic page's first attachment. */
import { genericAttach } from '../generic-upload';
import { provideAdapter } from './adapter-slot';
import { createGenericAdapter } from './generic';

provideAdapter(createGenericAdapter(genericAttach));
