import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './external-storage-write.js';
import { method, smaliClass } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';

function writer(dirCall: string[]): Record<string, string> {
  return smaliClass(CLS, [
    method('save', '()V', 3, [
      ...dirCall,
      'move-result-object v0',
      'new-instance v1, Ljava/io/File;',
      'const-string v2, "statement.txt"',
      'invoke-direct {v1, v0, v2}, Ljava/io/File;-><init>(Ljava/io/File;Ljava/lang/String;)V',
      'new-instance v0, Ljava/io/FileWriter;',
      'invoke-direct {v0, v1}, Ljava/io/FileWriter;-><init>(Ljava/io/File;)V',
    ]),
  ]);
}

test('AND-STORAGE-002 external-storage-write', async (t) => {
  const helper = smaliClass(CLS, [
    method('write', '(Ljava/io/File;)V', 1, [
      'new-instance v0, Ljava/io/FileOutputStream;',
      'invoke-direct {v0, p1}, Ljava/io/FileOutputStream;-><init>(Ljava/io/File;)V',
    ]),
    method('save', '()V', 3, [
      'invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;',
      'move-result-object v0',
      'new-instance v1, Ljava/io/File;',
      'const-string v2, "pin.txt"',
      'invoke-direct {v1, v0, v2}, Ljava/io/File;-><init>(Ljava/io/File;Ljava/lang/String;)V',
      `invoke-virtual {p0, v1}, L${CLS};->write(Ljava/io/File;)V`,
    ]),
  ]);
  const [shared, internal, sdcardText, viaCaller] = await auditFixtures(t, check, [
    {
      smali: writer([
        'invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;',
      ]),
    },
    { smali: writer([`invoke-virtual {p0}, L${CLS};->getFilesDir()Ljava/io/File;`]) },
    {
      smali: smaliClass(CLS, [
        method('save', '(Ljava/lang/String;)V', 3, [
          'new-instance v0, Ljava/lang/StringBuilder;',
          'invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V',
          'const-string v1, "/sdcard/wallet/"',
          'invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
          'invoke-virtual {v0, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;',
          'invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;',
          'move-result-object v1',
          'new-instance v2, Ljava/io/FileOutputStream;',
          'invoke-direct {v2, v1}, Ljava/io/FileOutputStream;-><init>(Ljava/lang/String;)V',
        ]),
      ]),
    },
    { smali: helper },
  ]);
  if (!shared) return;
  const f = findingsOf(shared, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'shared');
  assert.match(f[0].message, /new FileWriter .*getExternalStorageDirectory/);
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') {
    assert.equal(ev.method, 'save()V');
    assert.match(ev.instruction ?? '', /FileWriter;-><init>/);
  }
  assert.equal(findingsOf(internal, check.id).length, 0);
  const s = findingsOf(sdcardText, check.id);
  assert.equal(s.length, 1);
  assert.match(s[0].message, /"\/sdcard\/wallet\/"/);
  const c = findingsOf(viaCaller, check.id);
  assert.equal(c.length, 1, 'the File passed by the caller of a write helper');
  assert.match(
    c[0].message,
    /new FileOutputStream in Lorg\/dfslab\/fixture\/Main;->write.*getExternalStorageDirectory.*value from Lorg\/dfslab\/fixture\/Main;->save\(\)V/,
  );
});
