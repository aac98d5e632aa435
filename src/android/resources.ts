/**
 * What the manifest model and the checks need from resources.arsc, without depending on how the
 * table is parsed. src/android/arsc implements it; tests may supply a fake.
 */

/** One Res_value, decoded. `type` is the Res_value dataType name. */
export type ResValue =
  | { type: 'string'; value: string }
  | { type: 'reference'; value: number } // @0x7f...
  | { type: 'attribute'; value: number } // ?0x7f...
  | { type: 'boolean'; value: boolean }
  | { type: 'int'; value: number } // int-dec / int-hex
  | { type: 'float'; value: number }
  | { type: 'color'; value: number; raw: string } // #aarrggbb as raw
  | { type: 'dimension' | 'fraction'; value: number; raw: string }
  | { type: 'null'; value: null }
  | { type: 'complex'; value: null } // bag / style entry: see entries
  | { type: 'unknown'; value: number; dataType: number };

/** One value of a resource in one configuration (e.g. 'default', 'fr', 'v21', 'night-xhdpi'). */
export type ResolvedResource = {
  id: number;
  /** package:type/name, e.g. 'com.example:string/app_name'. */
  name: string;
  /** Configuration qualifier string as aapt prints it; '' or 'default' for the default config. */
  config: string;
  value: ResValue;
};

export type ResourceResolver = {
  /** Every configuration's value of resource `id`, following no references. Empty if unknown. */
  values(id: number): ResolvedResource[];
  /** The value in the default configuration (or the first available), following references up to a bound. */
  resolve(id: number): ResValue | undefined;
  /** 'type/name' (e.g. 'xml/network_security_config'), or undefined if the id is unknown. */
  name(id: number): string | undefined;
  /** The file path (e.g. 'res/xml/network_security_config.xml') a file resource points to, default config. */
  filePath(id: number): string | undefined;
};
