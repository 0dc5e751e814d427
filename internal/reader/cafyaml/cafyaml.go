// Package cafyaml reads a CAF framework from the YAML file of the UK
// government's WebCAF tool (co-cddo/domains-webcaf): objectives,
// principles, contributing outcomes with their IGP statements in three
// columns, each outcome's assessment rules and its minimum status per
// profile.
//
// The file shares its rule table between outcomes with YAML anchors and
// aliases. An alias can point at a node that itself holds aliases, so a
// few hundred bytes can stand for billions of nodes; the reader therefore
// walks the parsed tree itself and stops past MaxNodes visited nodes or
// MaxDepth levels, whatever the file's size.
package cafyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ward-shared-service/ward/internal/caf"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Limits on one framework file. The real files are under 200 KiB and
// about 40 000 nodes once their aliases are followed.
const (
	MaxBytes = 8 << 20
	MaxNodes = 500_000
	MaxDepth = 24
	MaxText  = 16 << 10 // one title, description or statement
)

var versionInName = regexp.MustCompile(`v(\d+(?:\.\d+)+)\.ya?ml$`)

// VersionFromName is the version a WebCAF file's name carries
// ("webcaf-cyber-assessment-framework-v4.0.yaml" is 4.0), or "".
func VersionFromName(name string) string {
	if m := versionInName.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return ""
}

// Read reads one framework file as the given version. file names the
// input in errors.
func Read(r io.Reader, file, version string) (caf.Framework, error) {
	data, err := io.ReadAll(io.LimitReader(bounded.Plain(r), MaxBytes+1))
	if err != nil {
		return caf.Framework{}, &reader.ParseError{File: file, Reason: err.Error(), Err: limitOf(err)}
	}
	if len(data) > MaxBytes {
		le := &bounded.LimitError{Limit: "framework file size", Max: MaxBytes, Unit: "bytes",
			Detail: "the file is larger than a CAF framework file should be"}
		return caf.Framework{}, &reader.ParseError{File: file, Reason: le.Error(), Err: le}
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return caf.Framework{}, &reader.ParseError{File: file, Reason: "the file is empty: give a WebCAF framework YAML file"}
		}
		return caf.Framework{}, &reader.ParseError{File: file, Reason: "is not YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	w := &walker{file: file}
	f, err := w.framework(&doc, version)
	if err != nil {
		return caf.Framework{}, err
	}
	if err := f.Check(); err != nil {
		return caf.Framework{}, &reader.ParseError{File: file, Reason: err.Error()}
	}
	return f, nil
}

func limitOf(err error) error {
	var le *bounded.LimitError
	if errors.As(err, &le) {
		return le
	}
	return nil
}

// walker follows the tree, counting every node it visits (an alias's
// target once per alias) against MaxNodes.
type walker struct {
	file  string
	nodes int
}

// fail says what is wrong at a node: its line and its place in the tree.
func (w *walker) fail(n *yaml.Node, path, format string, args ...any) error {
	p := path
	if n != nil && n.Line > 0 {
		p = fmt.Sprintf("line %d (%s)", n.Line, path)
	}
	return &reader.ParseError{File: w.file, Path: p, Reason: fmt.Sprintf(format, args...)}
}

// visit resolves aliases and document nodes and counts the node.
func (w *walker) visit(n *yaml.Node, path string, depth int) (*yaml.Node, error) {
	for hops := 0; n != nil && (n.Kind == yaml.AliasNode || n.Kind == yaml.DocumentNode); hops++ {
		if hops > MaxDepth {
			return nil, w.fail(n, path, "aliases nest too deep")
		}
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				return nil, w.fail(n, path, "the document is empty")
			}
			n = n.Content[0]
		} else {
			n = n.Alias
		}
	}
	if n == nil {
		return nil, w.fail(nil, path, "a value is missing")
	}
	w.nodes++
	if w.nodes > MaxNodes {
		le := &bounded.LimitError{Limit: "YAML node count", Max: MaxNodes, Unit: "nodes",
			Detail: "the file's aliases expand past the node limit (an alias bomb?)"}
		return nil, &reader.ParseError{File: w.file, Path: path, Reason: le.Error(), Err: le}
	}
	if depth > MaxDepth {
		le := &bounded.LimitError{Limit: "nesting depth", Max: MaxDepth, Unit: "levels", Detail: "the file nests too deep"}
		return nil, &reader.ParseError{File: w.file, Path: path, Reason: le.Error(), Err: le}
	}
	return n, nil
}

type pair struct {
	key string
	val *yaml.Node
}

// mapping reads a mapping's pairs in file order; an empty or null value
// is an empty mapping ({ } in the file).
func (w *walker) mapping(n *yaml.Node, path string, depth int) ([]pair, error) {
	n, err := w.visit(n, path, depth)
	if err != nil {
		return nil, err
	}
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Value == "") {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, w.fail(n, path, "should be a mapping of keys to values")
	}
	var out []pair
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, err := w.visit(n.Content[i], path, depth+1)
		if err != nil {
			return nil, err
		}
		if k.Kind != yaml.ScalarNode {
			return nil, w.fail(k, path, "a key should be plain text")
		}
		if k.Tag == "!!merge" {
			return nil, w.fail(k, path, "merge keys (<<) are not part of the WebCAF format")
		}
		if seen[k.Value] {
			return nil, w.fail(k, path, "key %q appears twice", k.Value)
		}
		seen[k.Value] = true
		out = append(out, pair{k.Value, n.Content[i+1]})
	}
	return out, nil
}

func (w *walker) text(n *yaml.Node, path string, depth int) (string, error) {
	n, err := w.visit(n, path, depth)
	if err != nil {
		return "", err
	}
	if n.Kind != yaml.ScalarNode {
		return "", w.fail(n, path, "should be text")
	}
	if len(n.Value) > MaxText {
		return "", w.fail(n, path, "is longer than %d KiB", MaxText>>10)
	}
	if why := reader.BadUTF8(n.Value); why != "" {
		return "", w.fail(n, path, "%s", why)
	}
	return strings.TrimSpace(n.Value), nil
}

// fields reads a mapping of text fields, refusing a missing required one.
func (w *walker) fields(n *yaml.Node, path string, depth int, required ...string) (map[string]string, map[string]*yaml.Node, error) {
	ps, err := w.mapping(n, path, depth)
	if err != nil {
		return nil, nil, err
	}
	texts, nodes := map[string]string{}, map[string]*yaml.Node{}
	for _, p := range ps {
		nodes[p.key] = p.val
	}
	for _, k := range required {
		v, ok := nodes[k]
		if !ok {
			anchor, _ := w.visit(n, path, depth)
			return nil, nil, w.fail(anchor, path, "%q is missing", k)
		}
		if texts[k], err = w.text(v, path+"."+k, depth+1); err != nil {
			return nil, nil, err
		}
	}
	return texts, nodes, nil
}

func (w *walker) framework(doc *yaml.Node, version string) (caf.Framework, error) {
	f := caf.Framework{Version: version, Profiles: []caf.Profile{}} // [] rather than null in JSON when the file has none
	top, err := w.mapping(doc, "$", 0)
	if err != nil {
		return f, err
	}
	var objectives *yaml.Node
	for _, p := range top {
		if p.key == "objectives" {
			objectives = p.val
		}
	}
	if objectives == nil {
		return f, w.fail(nil, "$", "there are no objectives: is this a WebCAF framework file?")
	}
	profiles := map[string]map[string]caf.Status{}
	obs, err := w.mapping(objectives, "objectives", 1)
	if err != nil {
		return f, err
	}
	for _, op := range obs {
		path := "objectives." + op.key
		t, nodes, err := w.fields(op.val, path, 2, "code", "title", "description")
		if err != nil {
			return f, err
		}
		o := caf.Objective{Code: t["code"], Title: t["title"], Description: t["description"]}
		prs, err := w.mapping(nodes["principles"], path+".principles", 3)
		if err != nil {
			return f, err
		}
		for _, pp := range prs {
			p, err := w.principle(pp.val, path+".principles."+pp.key, 4, profiles)
			if err != nil {
				return f, err
			}
			o.Principles = append(o.Principles, p)
		}
		f.Objectives = append(f.Objectives, o)
	}
	for name, targets := range profiles {
		f.Profiles = append(f.Profiles, caf.Profile{Name: profileName(name), Targets: targets})
	}
	caf.SortProfiles(f.Profiles)
	return f, nil
}

// profileName writes a profile's key as people name it (baseline → Baseline).
func profileName(key string) string {
	if key == "" {
		return key
	}
	return strings.ToUpper(key[:1]) + key[1:]
}

func (w *walker) principle(n *yaml.Node, path string, depth int, profiles map[string]map[string]caf.Status) (caf.Principle, error) {
	t, nodes, err := w.fields(n, path, depth, "code", "title", "description")
	if err != nil {
		return caf.Principle{}, err
	}
	p := caf.Principle{Code: t["code"], Title: t["title"], Description: t["description"]}
	ocs, err := w.mapping(nodes["outcomes"], path+".outcomes", depth+1)
	if err != nil {
		return p, err
	}
	for _, oc := range ocs {
		o, err := w.outcome(oc.val, path+".outcomes."+oc.key, depth+2, profiles)
		if err != nil {
			return p, err
		}
		p.Outcomes = append(p.Outcomes, o)
	}
	return p, nil
}

func (w *walker) outcome(n *yaml.Node, path string, depth int, profiles map[string]map[string]caf.Status) (caf.Outcome, error) {
	t, nodes, err := w.fields(n, path, depth, "code", "title", "description")
	if err != nil {
		return caf.Outcome{}, err
	}
	o := caf.Outcome{Code: t["code"], Title: t["title"], Description: t["description"]}
	cols, err := w.mapping(nodes["indicators"], path+".indicators", depth+1)
	if err != nil {
		return o, err
	}
	for _, c := range cols {
		cpath := path + ".indicators." + c.key
		col, err := caf.ParseColumn(c.key)
		if err != nil {
			return o, w.fail(c.val, cpath, "%s", err)
		}
		igps, err := w.mapping(c.val, cpath, depth+2)
		if err != nil {
			return o, err
		}
		for _, g := range igps {
			gt, gn, err := w.fields(g.val, cpath+"."+g.key, depth+3, "description")
			if err != nil {
				return o, err
			}
			igp := caf.IGP{ID: g.key, Column: col, Text: gt["description"]}
			if idx, ok := gn["ncsc-index"]; ok {
				if igp.Index, err = w.text(idx, cpath+"."+g.key+".ncsc-index", depth+4); err != nil {
					return o, err
				}
			}
			o.IGPs = append(o.IGPs, igp)
		}
	}
	if o.Rules, err = w.rules(nodes["assessment-rules"], path+".assessment-rules", depth+1); err != nil {
		return o, err
	}
	if req, ok := nodes["min_profile_requirement"]; ok {
		ps, err := w.mapping(req, path+".min_profile_requirement", depth+1)
		if err != nil {
			return o, err
		}
		for _, p := range ps {
			ppath := path + ".min_profile_requirement." + p.key
			s, err := w.text(p.val, ppath, depth+2)
			if err != nil {
				return o, err
			}
			st, err := caf.ParseStatus(s)
			if err != nil {
				return o, w.fail(p.val, ppath, "%s", err)
			}
			if profiles[p.key] == nil {
				profiles[p.key] = map[string]caf.Status{}
			}
			profiles[p.key][o.Code] = st
		}
	}
	return o, nil
}

// rules reads either form the files use: 3.2's table keyed by selected
// counts, or 4.0's numbered steps of [column, all|any].
func (w *walker) rules(n *yaml.Node, path string, depth int) (caf.Rules, error) {
	var r caf.Rules
	if n == nil {
		return r, w.fail(nil, path, "the outcome has no assessment rules")
	}
	ps, err := w.mapping(n, path, depth)
	if err != nil {
		return r, err
	}
	for _, p := range ps {
		ppath := path + "." + p.key
		if order, err := strconv.Atoi(p.key); err == nil {
			v, err := w.visit(p.val, ppath, depth+1)
			if err != nil {
				return r, err
			}
			if v.Kind != yaml.SequenceNode || len(v.Content) != 2 {
				return r, w.fail(v, ppath, "a numbered rule should be [column, all or any]")
			}
			cs, err := w.text(v.Content[0], ppath, depth+2)
			if err != nil {
				return r, err
			}
			col, err := caf.ParseColumn(cs)
			if err != nil {
				return r, w.fail(v, ppath, "%s", err)
			}
			match, err := w.text(v.Content[1], ppath, depth+2)
			if err != nil {
				return r, err
			}
			if match != "all" && match != "any" {
				return r, w.fail(v, ppath, "%q should be all or any", match)
			}
			r.Steps = append(r.Steps, caf.Step{Order: order, Column: col, Match: match})
			continue
		}
		if !tableKey.MatchString(p.key) {
			return r, w.fail(p.val, ppath, "a rule's key should be a number or like all_none_some")
		}
		t, _, err := w.fields(p.val, ppath, depth+1, "outcome_status", "outcome_status_message")
		if err != nil {
			return r, err
		}
		st, err := caf.ParseStatus(t["outcome_status"])
		if err != nil {
			return r, w.fail(p.val, ppath, "%s", err)
		}
		r.Table = append(r.Table, caf.TableRule{Key: p.key, Status: st, Message: t["outcome_status_message"]})
	}
	if len(r.Steps) > 0 && len(r.Table) > 0 {
		return r, w.fail(n, path, "mixes numbered rules with a rule table")
	}
	sort.Slice(r.Steps, func(i, j int) bool { return r.Steps[i].Order < r.Steps[j].Order })
	return r, nil
}

var tableKey = regexp.MustCompile(`^(all|some|none)_(all|some|none)_(all|some|none)$`)
