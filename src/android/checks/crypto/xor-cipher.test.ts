import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './xor-cipher.js';

/** DVBA's c.b.a.e.c: out += (char) (in.charAt(i) ^ KEY.charAt(i % KEY.length())). */
function xorLoop(keyLoad: string): Record<string, string> {
  const body = `const-string v0, ""
const/4 v1, 0x0
:loop
invoke-virtual {p0}, Ljava/lang/String;->length()I
move-result v2
if-ge v1, v2, :done
invoke-virtual {p0, v1}, Ljava/lang/String;->charAt(I)C
move-result v2
${keyLoad}
invoke-virtual {v4}, Ljava/lang/String;->length()I
move-result v3
rem-int v3, v1, v3
invoke-virtual {v4, v3}, Ljava/lang/String;->charAt(I)C
move-result v3
xor-int/2addr v2, v3
int-to-char v2, v2
new-instance v3, Ljava/lang/StringBuilder;
invoke-direct {v3}, Ljava/lang/StringBuilder;-><init>()V
invoke-virtual {v3, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
invoke-virtual {v3, v2}, Ljava/lang/StringBuilder;->append(C)Ljava/lang/StringBuilder;
invoke-virtual {v3}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
move-result-object v0
add-int/lit8 v1, v1, 0x1
goto :loop
:done
return-object v0`;
  return smaliClass('Lorg/x/Crypt;', [
    smaliMethod('public static', 'xor(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;', 7, body),
  ]);
}

test('AND-CRYPTO-011 xor-cipher', async (t) => {
  const [pos, paramKey] = await auditFixtures(t, check, [
    { smali: xorLoop('const-string v4, "amazing"') },
    // The key comes from the caller (e.g. derived at run time): not a constant key in the APK.
    { smali: xorLoop('move-object v4, p1') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.match(
    f[0].message,
    /^Lorg\/x\/Crypt;->xor\(Ljava\/lang\/String;Ljava\/lang\/String;\)Ljava\/lang\/String; at 0x[0-9a-f]+ XORs data with the characters of the hard-coded key "amazing" \(xor-int\/2addr v2, v3\)/,
  );
  assertDexEvidence(f[0], 'Lorg/x/Crypt;', 'xor(', 'xor-int');
  assert.deepEqual(findingsOf(paramKey, check.id), []);
});
