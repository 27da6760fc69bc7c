package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.config.OutpostModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaCompilerTest {
  private static Schema compile(String... modules) {
    List<SchemaCompiler.Source> sources = new java.util.ArrayList<>();
    for (int i = 0; i < modules.length; i++) {
      sources.add(new SchemaCompiler.Source("m" + i + ".yang", modules[i]));
    }
    return SchemaCompiler.compile(sources);
  }

  @Test
  void compilesOutpostsModules() {
    Schema schema = OutpostModules.schema();
    ListSchema iface = (ListSchema) ((ContainerSchema) schema.root().dataChild("interfaces")).dataChild("interface");
    assertEquals("name", iface.keys().getFirst().name());
    LeafSchema mtu = (LeafSchema) iface.dataChild("mtu");
    assertEquals(1500L, mtu.defaultValue());
    assertEquals("uint16 68..65535", mtu.type().describe());
    assertEquals("/outpost-interfaces:interfaces/interface/mtu", mtu.schemaPath());

    ContainerSchema stat = (ContainerSchema) ((ContainerSchema) schema.root().dataChild("routing")).dataChild("static");
    ListSchema route = (ListSchema) stat.dataChild("route");
    LeafSchema viaInterface = (LeafSchema) route.dataChild("interface");
    LeafrefType ref = assertInstanceOf(LeafrefType.class, viaInterface.type());
    assertEquals("name", ref.target().name());
    assertEquals(1, viaInterface.enclosingCases().size());
    assertEquals("destination", viaInterface.enclosingCases().getFirst().choice().name());
    assertTrue(viaInterface.enclosingCases().getFirst().choice().isMandatory());
  }

  @Test
  void everyModuleFileIsListed() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/yang"))) {
      List<String> names = files.map(p -> p.getFileName().toString().replace(".yang", "")).sorted().toList();
      assertEquals(names, OutpostModules.NAMES.stream().sorted().toList());
    }
  }

  @Test
  void refusesStatementsOutsideTheSubset() {
    YangException e = assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          container c { must "x"; }
        }"""));
    assertTrue(e.getMessage().startsWith("m0.yang:2: statement \"must\" is not supported"), e.getMessage());
    assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          leaf l { type bits { bit a; } }
        }"""));
    assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          leaf l { type string; config false; }
        }"""));
  }

  @Test
  void expandsGroupingsIntoTheUsingModulesNamespace() {
    Schema s = compile("""
        module a { yang-version 1.1; namespace "urn:a"; prefix a;
          typedef small { type uint8 { range "1..10"; } default 5; }
          grouping g { leaf size { type small; } }
        }""", """
        module b { yang-version 1.1; namespace "urn:b"; prefix b;
          import a { prefix x; }
          container top { uses x:g; leaf narrower { type x:small { range "2..6"; } } }
        }""");
    LeafSchema size = (LeafSchema) ((ContainerSchema) s.root().dataChild("top")).dataChild("size");
    assertEquals("b", size.module().name());
    assertEquals(5L, size.defaultValue());
    assertEquals("a:small", size.type().name());
    LeafSchema narrower = (LeafSchema) ((ContainerSchema) s.root().dataChild("top")).dataChild("narrower");
    assertEquals("2..6", ((IntegerType) narrower.type()).ranges().toString());
  }

  @Test
  void refusesBadDefaultsAndCycles() {
    assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          leaf l { type uint8; default 300; }
        }"""));
    assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          typedef a { type b; } typedef b { type a; } leaf l { type a; }
        }"""));
    assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          grouping g { container c { uses g; } } uses g;
        }"""));
  }

  @Test
  void typesParseAndCanonicalise() throws Exception {
    Schema schema = OutpostModules.schema();
    ListSchema route = (ListSchema) ((ContainerSchema) ((ContainerSchema) schema.root().dataChild("routing"))
        .dataChild("static")).dataChild("route");
    LeafType prefix = route.keys().getFirst().type();
    assertEquals("2001:db8::/32", prefix.parse("2001:DB8:0::/32"));
    assertEquals("192.0.2.0/24", prefix.parse("192.0.2.0/24"));
    InvalidValueException hostBits = assertThrows(InvalidValueException.class, () -> prefix.parse("192.0.2.1/24"));
    assertTrue(hostBits.getMessage().contains("did you mean 192.0.2.0/24"), hostBits.getMessage());
    assertThrows(InvalidValueException.class, () -> prefix.parse("192.0.2.0/33"));
    assertThrows(InvalidValueException.class, () -> prefix.parse("010.0.0.0/8"));
    assertThrows(InvalidValueException.class, () -> prefix.parse("192.0.2.0"));
    assertThrows(InvalidValueException.class, () -> prefix.parse("1:::2/64"));
    assertFalse(prefix.accepts("192.0.2.1/24"));
    assertTrue(prefix.accepts("192.0.2.0/24"));
  }

  @Test
  void integersInDataAreDecimalWhileDefaultsMayBeHexOrOctal() throws Exception {
    Schema s = compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          leaf hex { type uint16; default 0x1F; }
          leaf octal { type int8; default -017; }
        }""");
    LeafSchema hex = (LeafSchema) s.root().dataChild("hex");
    assertEquals(31L, hex.defaultValue());
    assertEquals(-15L, ((LeafSchema) s.root().dataChild("octal")).defaultValue());
    // RFC 7950 section 9.2.1: in data, a leading zero is just a zero, and there is no hex.
    assertEquals(10L, hex.type().parse("010"));
    assertEquals(1500L, hex.type().parse(" +1500\n"));
    assertThrows(InvalidValueException.class, () -> hex.type().parse("0x1F"));
    assertThrows(InvalidValueException.class, () -> hex.type().parse("\u0661\u0660"));
    assertThrows(YangException.class, () -> compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          leaf l { type uint8; default 09; }
        }"""));
  }

  @Test
  void stringsHoldOnlyYangCharacters() throws Exception {
    Schema s = compile("""
        module m { yang-version 1.1; namespace "urn:m"; prefix m;
          leaf text { type string; }
        }""");
    LeafType text = ((LeafSchema) s.root().dataChild("text")).type();
    String allowed = "tab\tnew\nline\r\u007f\u0085\ufffd\ud83d\ude00";
    assertEquals(allowed, text.parse(allowed));
    for (String excluded : List.of("\u0000", "\u0001", "\u001f", "\ud800", "\ufdd0", "\ufffe", "\uffff",
        "\ud83f\udffe")) {
      InvalidValueException e = assertThrows(InvalidValueException.class, () -> text.parse("a" + excluded));
      assertTrue(e.getMessage().startsWith("the value contains U+"), e.getMessage());
    }
  }
}
