#nullable enable
// Part of Router.Serverless's NativeAOT publish (Router.Serverless.targets): compiled by MSBuild's
// RoslynCodeTaskFactory at publish time, so it uses only the BCL and MSBuild's own API.
using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Reads the highest <c>GLIBC_x.y[.z]</c> version each ELF file needs, from its version-needs section
/// (<c>.gnu.version_r</c>, SHT_GNU_verneed): the versions the dynamic loader checks before the program
/// starts. Outputs one item per file that needs glibc at all, with metadata <c>Version</c> and
/// <c>CannotLoad</c> (the platform images whose glibc is older). A file that is not a 64-bit
/// little-endian ELF file is skipped.
/// </summary>
public sealed class RouterReadGlibcVersions : Task
{
    // The custom runtimes' images and their glibc (docs/platforms.md, "Platform images and glibc").
    private static readonly (string Image, Version Glibc)[] s_images =
    {
        ("Alibaba FC custom (Debian 9, glibc 2.24)", new Version(2, 24)),
        ("AWS Lambda provided.al2 (glibc 2.26)", new Version(2, 26)),
        ("Alibaba FC custom.debian10 (glibc 2.28)", new Version(2, 28)),
        ("Alibaba FC custom.debian11 (glibc 2.31)", new Version(2, 31)),
        ("AWS Lambda provided.al2023 (glibc 2.34)", new Version(2, 34)),
    };

    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    [Output]
    public ITaskItem[] Highest { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var results = new List<ITaskItem>();
        foreach (var file in Files)
        {
            if (!File.Exists(file.ItemSpec))
            {
                continue;
            }

            Version? highest;
            try
            {
                highest = ReadHighest(File.ReadAllBytes(file.ItemSpec));
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or IndexOutOfRangeException)
            {
                Log.LogMessage(MessageImportance.Normal, $"{file.ItemSpec}: not read as ELF ({ex.Message})");
                continue;
            }

            if (highest is null)
            {
                continue;
            }

            var cannot = new List<string>();
            foreach (var (image, glibc) in s_images)
            {
                if (glibc < highest)
                {
                    cannot.Add(image);
                }
            }

            var item = new TaskItem(file.ItemSpec);
            item.SetMetadata("Version", highest.ToString());
            item.SetMetadata("CannotLoad", cannot.Count == 0 ? "none of the known images" : string.Join(", ", cannot));
            results.Add(item);
        }

        Highest = results.ToArray();
        return !Log.HasLoggedErrors;
    }

    private static Version? ReadHighest(byte[] elf)
    {
        // ELF64 little-endian only (x86_64 and aarch64, the platforms' architectures).
        if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            return null;
        }

        var sectionOffset = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        Version? highest = null;
        for (var i = 0; i < sectionCount; i++)
        {
            var header = checked((int)(sectionOffset + (i * sectionSize)));
            if (BitConverter.ToUInt32(elf, header + 4) != 0x6FFFFFFE)
            {
                continue; // not SHT_GNU_verneed
            }

            var offset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            var link = (int)BitConverter.ToUInt32(elf, header + 0x28);
            var count = (int)BitConverter.ToUInt32(elf, header + 0x2C); // sh_info: the number of Verneed entries
            var strings = checked((int)BitConverter.ToUInt64(elf, checked((int)(sectionOffset + (link * sectionSize))) + 0x18));
            var need = offset;
            for (var n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                    if (name.StartsWith("GLIBC_", StringComparison.Ordinal) && Version.TryParse(name.Substring(6), out var version)
                        && (highest is null || version > highest))
                    {
                        highest = version;
                    }

                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }

                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }

        return highest;
    }

    private static string ReadString(byte[] elf, int start)
    {
        var end = start;
        while (elf[end] != 0)
        {
            end++;
        }

        return System.Text.Encoding.ASCII.GetString(elf, start, end - start);
    }
}
