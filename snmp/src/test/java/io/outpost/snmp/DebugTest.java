package io.outpost.snmp;
import org.junit.jupiter.api.Test;
class DebugTest {
  @Test void t() throws Exception {
    org.snmp4j.log.LogFactory.setLogFactory(new org.snmp4j.log.ConsoleLogFactory());
    org.snmp4j.log.LogFactory.getLogFactory().getRootLogger().setLogLevel(org.snmp4j.log.LogLevel.ALL);
    SnmpAgentTest.start();
    SnmpAgentTest.agent.apply(SnmpAgentTest.settings(java.util.List.of(new AgentSettings.Community("lab", java.util.List.of(SnmpAgentTest.prefix("127.0.0.0", 8)), null))), null);
    System.err.println("DBG3 " + NetSnmp.run("snmpget", "-v2c", "-c", "lab", "-t", "1", "-r", "0", SnmpAgentTest.address, "1.3.6.1.2.1.1.5.0"));
    System.err.println("DBG2 " + NetSnmp.run("snmpget", NetSnmp.concat(NetSnmp.v3("nobody", "not-the-secret", "priv-secret-1"), SnmpAgentTest.address, "1.3.6.1.2.1.1.5.0")));
    SnmpAgentTest.stop();
  }
}
