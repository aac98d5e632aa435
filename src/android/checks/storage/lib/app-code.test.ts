import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Value } from '../../../code/index.js';
import { isLibraryClass, sensitiveLabel, sensitiveWord, wordsOf } from './app-code.js';

const str = (text: string): Value => ({ kind: 'string', idx: -1, text });
const param = (index: number): Value => ({ kind: 'param', index, type: 'Ljava/lang/String;' });
const concat = (...parts: Value[]): Value => ({ kind: 'concat', parts, site: 0, open: false });
const invoke = (method: string, ...args: Value[]): Value => ({ kind: 'invoke', method, args, offset: 0 });

test('sensitiveWord splits camelCase, snake_case and run-together keys', () => {
  assert.equal(wordsOf('superSecurePassword'), 'super secure password');
  assert.equal(sensitiveWord('superSecurePassword'), 'password');
  assert.equal(sensitiveWord('user_pin'), 'pin');
  assert.equal(sensitiveWord('newpass'), 'pass');
  assert.equal(sensitiveWord('accesstoken'), 'token');
  assert.equal(sensitiveWord('card_number'), 'card');
  assert.equal(sensitiveWord('display_name'), undefined);
  assert.equal(sensitiveWord('mapping'), undefined);
  assert.equal(sensitiveWord('shipping'), undefined);
});

test('sensitiveLabel looks at the label just before a run-time part, and at its own name', () => {
  assert.equal(sensitiveLabel(concat(str('login attempt, pin='), param(0))), 'pin');
  assert.equal(sensitiveLabel(concat(str('phone: '), param(0), str(' password is: '), param(1))), 'password');
  assert.equal(sensitiveLabel(concat(str('resolve account failure: '), param(0))), undefined);
  assert.equal(sensitiveLabel(concat(str('firebase-auth version is '), param(0))), undefined);
  assert.equal(
    sensitiveLabel({ kind: 'field', field: 'Lcom/x/Login;->password:Ljava/lang/String;', static: false }),
    'password',
  );
  assert.equal(
    sensitiveLabel(
      invoke(
        'Lorg/json/JSONObject;->getString(Ljava/lang/String;)Ljava/lang/String;',
        param(0),
        str('accessToken'),
      ),
    ),
    'token',
  );
  assert.equal(sensitiveLabel(invoke('Lcom/x/User;->getPin()Ljava/lang/String;', param(0))), 'pin');
  assert.equal(
    sensitiveLabel(invoke('Landroid/telephony/SmsMessage;->getMessageBody()Ljava/lang/String;', param(0))),
    'SMS body',
  );
  assert.equal(
    sensitiveLabel(
      concat(
        str('phonno:'),
        invoke('Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;', param(0)),
      ),
    ),
    'phone number',
  );
  assert.equal(sensitiveLabel(param(0)), undefined);
});

test('isLibraryClass', () => {
  assert.ok(isLibraryClass('Landroidx/core/app/NotificationCompat;'));
  assert.ok(isLibraryClass('Lcom/google/firebase/crashlytics/internal/common/CommonUtils;'));
  assert.ok(!isLibraryClass('Lcom/android/insecurebankv2/PostLogin;'));
  assert.ok(!isLibraryClass('Lcom/google/wallet/App;'));
});
