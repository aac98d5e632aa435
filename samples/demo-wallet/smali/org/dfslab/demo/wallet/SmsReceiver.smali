# W5: receives every incoming SMS (priority 999) and logs its body: OTPs end up in logcat.
.class public Lorg/dfslab/demo/wallet/SmsReceiver;
.super Landroid/content/BroadcastReceiver;
.source "SmsReceiver.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 8
    invoke-static {p2}, Landroid/provider/Telephony$Sms$Intents;->getMessagesFromIntent(Landroid/content/Intent;)[Landroid/telephony/SmsMessage;
    move-result-object v0
    array-length v1, v0
    const/4 v2, 0x0
    :loop
    if-ge v2, v1, :done
    aget-object v3, v0, v2
    invoke-virtual {v3}, Landroid/telephony/SmsMessage;->getMessageBody()Ljava/lang/String;
    move-result-object v3
    const-string v4, "DemoWallet"
    invoke-static {v4, v3}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    add-int/lit8 v2, v2, 0x1
    goto :loop
    :done
    return-void
.end method
