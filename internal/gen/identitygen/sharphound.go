// Package identitygen writes synthetic directories for the demo, the CLI
// (ward identity generate) and the benchmarks: a council's Active Directory
// as SharpHound files, and an Entra tenant as an export. The same spec
// always gives the same bytes.
package identitygen

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
)

// Spec describes a synthetic Active Directory for SharpHound: a
// council's domain with departments, ICT role groups, servers and
// workstations, the usual hygiene problems, and a few planted
// misconfigurations that give some ordinary accounts a path to Tier Zero
// through one service-desk group. The same spec gives the same bytes.
type Spec struct {
	Domain    string // DNS name, e.g. "ASHCOMBE.LOCAL"; written upper-case
	DomainSID string // S-1-5-21-x-y-z; derived from Seed when empty
	// Users, Groups and Computers are the numbers of objects written, the
	// well-known ones included: Administrator, Guest and krbtgt are users;
	// the built-in and default domain groups are groups; the domain
	// controllers are computers. Stats says how many of each are which.
	Users, Groups, Computers int
	// Edges is the number of distinct (from, to, kind) relations a reader
	// should find. Relations that tie the directory together (membership,
	// sessions, local admins, the tree, owners, planted ACEs) are written
	// first; default ACEs on ordinary objects are then added, or group
	// memberships too, until the count is met. A budget below what the
	// structure needs (about seven relations per object) is exceeded:
	// Stats.Edges says by how much.
	Edges    int
	Seed     int64
	Now      time.Time // the collection time; every timestamp is before it
	MetaLast bool      // write "meta" after "data", as SharpHound itself does
}

// CouncilSpec is a mid-sized council for the demo: about 2,500 staff
// accounts, 600 groups, 1,800 computers and 60,000 relations.
func CouncilSpec(domain string, seed int64, now time.Time) Spec {
	return Spec{Domain: domain, Users: 2500, Groups: 600, Computers: 1800, Edges: 60000,
		Seed: seed, Now: now, MetaLast: true}
}

// Stats is what a generation wrote.
type Stats struct {
	Users, Groups, Computers int // as the spec asked, well-known objects included
	BuiltinUsers             int // Administrator, Guest, krbtgt
	WellKnownGroups          int // built-in and default domain groups
	DomainControllers        int
	Servers, Workstations    int
	Domains, OUs, GPOs       int
	Containers               int
	Sessions                 int // HasSession relations, in computers.json and sessions.json

	// Edges is every distinct relation written; the fields after it say
	// where they were written and add up to it.
	Edges         int
	ACEs          int
	Memberships   int // group Members lists
	PrimaryGroups int
	LocalGroups   int // members of computers' local groups (AdminTo, CanRDP)
	Contains      int // ChildObjects
	GPLinks       int
	Other         int // delegation and SQL admin rights
	ByKind        map[identity.EdgeKind]int

	Bytes int64 // JSON written, before any compression
}

// genFile is one collector file and the method that writes it.
type genFile struct {
	name  string
	write func(*adGen, *genOut)
}

var genFiles = []genFile{
	{"computers.json", (*adGen).writeComputers}, {"containers.json", (*adGen).writeContainers},
	{"domains.json", (*adGen).writeDomains}, {"gpos.json", (*adGen).writeGPOs},
	{"groups.json", (*adGen).writeGroups}, {"ous.json", (*adGen).writeOUs},
	{"sessions.json", (*adGen).writeSessions}, {"users.json", (*adGen).writeUsers},
}

// SharpHound writes a synthetic collection into dir (which must
// exist) as SharpHound v6 files: users.json, groups.json, computers.json,
// domains.json, ous.json, gpos.json, containers.json and sessions.json.
func SharpHound(dir string, spec Spec) (Stats, error) {
	g, err := planGen(spec)
	if err != nil {
		return Stats{}, err
	}
	st := g.baseStats()
	for _, f := range genFiles {
		if err := g.writeFile(filepath.Join(dir, f.name), f, &st); err != nil {
			return st, err
		}
	}
	return st, nil
}

func (g *adGen) writeFile(path string, f genFile, st *Stats) error {
	out, err := os.Create(path)
	if err != nil {
		return errors.New("generate: " + err.Error())
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	o := newGenOut(bw)
	f.write(g, o)
	if o.err == nil {
		o.err = bw.Flush()
	}
	if cerr := out.Close(); o.err == nil {
		o.err = cerr
	}
	st.add(o)
	if o.err != nil {
		return errors.New("generate: " + path + ": " + o.err.Error())
	}
	return nil
}

// SharpHoundZip writes the same files into a zip, as SharpHound
// delivers a collection and as one is uploaded. Entries are deflated at
// the fastest level: the archive is for moving the data, not storing it.
func SharpHoundZip(w io.Writer, spec Spec) (Stats, error) {
	g, err := planGen(spec)
	if err != nil {
		return Stats{}, err
	}
	st := g.baseStats()
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	for _, f := range genFiles {
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: spec.Now.UTC()})
		if err != nil {
			return st, errors.New("generate: zip: " + err.Error())
		}
		bw := bufio.NewWriterSize(hw, 256<<10)
		o := newGenOut(bw)
		f.write(g, o)
		if o.err == nil {
			o.err = bw.Flush()
		}
		st.add(o)
		if o.err != nil {
			return st, errors.New("generate: zip: " + f.name + ": " + o.err.Error())
		}
	}
	if err := zw.Close(); err != nil {
		return st, errors.New("generate: zip: " + err.Error())
	}
	return st, nil
}

func (g *adGen) baseStats() Stats {
	return Stats{
		Users: g.spec.Users, Groups: g.spec.Groups, Computers: g.spec.Computers,
		BuiltinUsers: int(g.uAdm), WellKnownGroups: gwCount, DomainControllers: int(g.cSrv),
		Servers: int(g.cWS - g.cSrv), Workstations: g.spec.Computers - int(g.cWS),
		Domains: 1, OUs: len(g.ous), GPOs: len(g.gpos), Containers: len(g.containers),
		ByKind: map[identity.EdgeKind]int{},
	}
}

func (st *Stats) add(o *genOut) {
	for k, n := range o.byKind {
		if n > 0 {
			st.ByKind[identity.EdgeKind(k)] += n
			st.Edges += n
		}
	}
	st.ACEs += o.aces
	st.Memberships += o.members
	st.PrimaryGroups += o.primary
	st.Sessions += o.sessions
	st.LocalGroups += o.local
	st.Contains += o.contains
	st.GPLinks += o.links
	st.Other += o.other
	st.Bytes += o.n
}
