.class public Lt/Logs;
.super Ljava/lang/Object;

# Log calls whose message is, or is not, provably a const-string of the same block.
.method public static constant(Ljava/lang/String;)V
    .registers 3
    const-string v0, "tag"
    const-string v1, "message"
    const/4 v2, 0x1
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static overwritten(Ljava/lang/String;)V
    .registers 3
    const-string v1, "message"
    const/4 v1, 0x0
    invoke-static {p0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    const-string v1, "again"
    move-object v1, p0
    invoke-static {p0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static joined(Ljava/lang/String;Z)V
    .registers 4
    const-string v0, "a"
    if-eqz p1, :join
    move-object v0, p0
    :join
    invoke-static {v0, v0}, Landroid/util/Log;->w(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static wide(J)V
    .registers 5
    const-string v0, "tag"
    const-string v1, "message"
    const/4 v2, 0x3
    invoke-static {v2, v0, v1}, Landroid/util/Log;->println(ILjava/lang/String;Ljava/lang/String;)I
    const-string v2, "w"
    invoke-static {p0, p1, v2}, Lt/Logs;->takesWide(JLjava/lang/String;)V
    return-void
.end method

.method public static takesWide(JLjava/lang/String;)V
    .registers 3
    return-void
.end method

.method public static printed()V
    .registers 2
    sget-object v0, Ljava/lang/System;->out:Ljava/io/PrintStream;
    const-string v1, "hello"
    invoke-virtual {v0, v1}, Ljava/io/PrintStream;->println(Ljava/lang/String;)V
    const-string v0, "not a receiver"
    invoke-virtual {v0, v1}, Ljava/io/PrintStream;->println(Ljava/lang/String;)V
    return-void
.end method

.method public static unreachable()V
    .registers 2
    return-void
    const-string v0, "tag"
    const-string v1, "dead"
    invoke-static {v0, v1}, Landroid/util/Log;->e(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
